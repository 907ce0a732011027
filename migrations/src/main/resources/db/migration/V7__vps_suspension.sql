-- A disabled (suspended) VPS keeps its server stopped until it is enabled. resume_state is the
-- power state an enable brings back (Running or Stopped): set exactly while the VPS is suspended.
ALTER TABLE vpses ADD COLUMN suspended BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE vpses ADD COLUMN resume_state VARCHAR(32);
ALTER TABLE vpses ADD CONSTRAINT vpses_suspension CHECK (suspended = (resume_state IS NOT NULL));
