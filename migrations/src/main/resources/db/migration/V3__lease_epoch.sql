-- Every claim of an operation's lease increments its epoch: an attempt that outlived its lease
-- is told apart from the one that took the operation over, even under the same owner name.
ALTER TABLE operations ADD COLUMN lease_epoch BIGINT DEFAULT 0 NOT NULL;
