-- What the live VPSes (neither deleted nor failed) of each technology take on each host. On H2, the
-- embedded database of a single connector, a sum over the stored VPSes each time; PostgreSQL keeps
-- it up to date with every change instead (db/vendor/postgresql).
CREATE VIEW host_loads AS
SELECT vm, host, CAST(COUNT(*) AS INTEGER) AS vpses, CAST(SUM(memory_gb) AS BIGINT) AS memory_gb,
       CAST(SUM(cpu_count) AS BIGINT) AS cpus
FROM vpses
WHERE lifecycle NOT IN ('DELETED', 'FAILED')
GROUP BY vm, host;
