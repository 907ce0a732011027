-- Raised by one with every update of the row (a lease taken, renewed or given up is no update of an
-- operation): a reader that kept only the revisions of what it read tells whether it was written
-- since. The reconciler keeps them, not the records, for every VPS through a pass.
ALTER TABLE vpses ADD COLUMN revision BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE operations ADD COLUMN revision BIGINT DEFAULT 0 NOT NULL;
