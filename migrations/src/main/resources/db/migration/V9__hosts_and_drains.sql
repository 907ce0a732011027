-- The host a VPS was placed on, by name, among the hosts of its technology the configuration
-- lists (backends.container.hosts, backends.hypervisor.hosts): every operation of the VPS goes
-- there. NULL for a VPS stored before hosts were named: it lives on the first host of its technology.
ALTER TABLE vpses ADD COLUMN host VARCHAR(63);
CREATE INDEX vpses_host ON vpses (vm, host);

-- What the operators drained: the whole connector (scope 'connector': no new VPS at all) or one
-- host ('container:<name>', 'hypervisor:<name>': no new VPS placed there). In the database, so
-- that every replica sharing it drains at once.
CREATE TABLE drains (
    scope      VARCHAR(80)  NOT NULL PRIMARY KEY,
    reason     VARCHAR(500) NOT NULL,
    drained_at TIMESTAMP WITH TIME ZONE NOT NULL
);
