-- A placement that spreads one customer's servers over the hosts counts the VPSes of the new VPS's
-- subscription on each host: a read of that subscription's VPSes, not of every stored one.
CREATE INDEX vpses_subscription ON vpses (subscription_id);
