-- One row per technology, locked (SELECT ... FOR UPDATE) by the transaction that places a new VPS
-- of it: placements of one technology follow each other, on every replica, so that two at once
-- cannot both count the same free room on a host.
CREATE TABLE placement_locks (
    technology VARCHAR(20) NOT NULL PRIMARY KEY
);
INSERT INTO placement_locks (technology) VALUES ('CONTAINER');
INSERT INTO placement_locks (technology) VALUES ('VIRTUAL_MACHINE');
