-- What the live VPSes (neither deleted nor failed) of each technology take on each host, kept by
-- triggers as VPSes are stored, changed and removed (by the connector or by hand), so that a
-- placement reads a few rows however many VPSes are stored. Each VPS counts in one of 16 shares of
-- its host, picked by its id, so that provisions onto one host at once do not wait for each other's
-- row until they commit; a host's load is the sum of its shares, view host_loads. placed is false
-- for the VPSes stored before hosts were named (host NULL in vpses).
CREATE TABLE host_load_shares (
    vm        BOOLEAN     NOT NULL,
    placed    BOOLEAN     NOT NULL,
    host      VARCHAR(63) NOT NULL,
    share     SMALLINT    NOT NULL,
    vpses     INTEGER     NOT NULL,
    memory_gb BIGINT      NOT NULL,
    cpus      BIGINT      NOT NULL,
    PRIMARY KEY (vm, placed, host, share)
);

CREATE VIEW host_loads AS
SELECT vm, CASE WHEN placed THEN host END AS host, CAST(SUM(vpses) AS INTEGER) AS vpses,
       CAST(SUM(memory_gb) AS BIGINT) AS memory_gb, CAST(SUM(cpus) AS BIGINT) AS cpus
FROM host_load_shares
GROUP BY vm, placed, host
HAVING SUM(vpses) > 0;

CREATE FUNCTION add_host_load(p_vm BOOLEAN, p_host VARCHAR, p_vps UUID, p_sign INTEGER, p_memory_gb INTEGER, p_cpus INTEGER)
RETURNS VOID LANGUAGE sql AS $$
    INSERT INTO host_load_shares (vm, placed, host, share, vpses, memory_gb, cpus)
    VALUES (p_vm, p_host IS NOT NULL, COALESCE(p_host, ''), get_byte(uuid_send(p_vps), 15) % 16,
            p_sign, p_sign * p_memory_gb, p_sign * p_cpus)
    ON CONFLICT (vm, placed, host, share) DO UPDATE SET
        vpses = host_load_shares.vpses + EXCLUDED.vpses,
        memory_gb = host_load_shares.memory_gb + EXCLUDED.memory_gb,
        cpus = host_load_shares.cpus + EXCLUDED.cpus;
$$;

CREATE FUNCTION count_host_load() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.lifecycle NOT IN ('DELETED', 'FAILED') THEN
        PERFORM add_host_load(OLD.vm, OLD.host, OLD.id, -1, OLD.memory_gb, OLD.cpu_count);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.lifecycle NOT IN ('DELETED', 'FAILED') THEN
        PERFORM add_host_load(NEW.vm, NEW.host, NEW.id, 1, NEW.memory_gb, NEW.cpu_count);
    END IF;
    RETURN NULL;
END
$$;

-- The triggers first: creating them waits for the writes to vpses in flight and holds back new ones
-- until this migration commits, so the count below misses none and none is counted twice.
CREATE TRIGGER vpses_count_host_load AFTER INSERT OR DELETE ON vpses
    FOR EACH ROW EXECUTE FUNCTION count_host_load();
-- Most updates change neither whether a VPS is live nor what it takes where (a provision that
-- completes, a power state observed): they leave the shares alone.
CREATE TRIGGER vpses_count_host_load_change AFTER UPDATE ON vpses
    FOR EACH ROW
    WHEN ((OLD.lifecycle IN ('DELETED', 'FAILED')) IS DISTINCT FROM (NEW.lifecycle IN ('DELETED', 'FAILED'))
          OR OLD.vm IS DISTINCT FROM NEW.vm OR OLD.host IS DISTINCT FROM NEW.host
          OR OLD.memory_gb IS DISTINCT FROM NEW.memory_gb OR OLD.cpu_count IS DISTINCT FROM NEW.cpu_count)
    EXECUTE FUNCTION count_host_load();

INSERT INTO host_load_shares (vm, placed, host, share, vpses, memory_gb, cpus)
SELECT vm, host IS NOT NULL, COALESCE(host, ''), 0, COUNT(*), SUM(memory_gb), SUM(cpu_count)
FROM vpses WHERE lifecycle NOT IN ('DELETED', 'FAILED')
GROUP BY vm, host IS NOT NULL, COALESCE(host, '');
