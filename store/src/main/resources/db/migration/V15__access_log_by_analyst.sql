-- The case list marks the cases changed since the signed-in analyst last opened them, from the
-- access log: looked up by analyst at every listing.
CREATE INDEX access_log_analyst ON access_log (analyst, action);
