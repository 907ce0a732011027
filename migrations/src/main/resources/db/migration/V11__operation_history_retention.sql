-- The retention pass looks for finished operations by the time they ended (their last update),
-- oldest first, in batches; without this index each batch would read the whole table.
CREATE INDEX operations_finished ON operations (status, updated_at);
