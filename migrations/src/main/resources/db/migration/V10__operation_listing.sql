-- The operators' listing of operations (the list-operations admin task), newest first, by status
-- or by kind; by instance and by host it goes through vpses_instance and vpses_host to operations_vps.
CREATE INDEX operations_created ON operations (created_at);
CREATE INDEX operations_status_created ON operations (status, created_at);
CREATE INDEX operations_kind_created ON operations (kind, created_at);
