-- A GitHub webhook signs each delivery with a secret (HMAC-SHA256, X-Hub-Signature-256) and sends
-- no token, so checking a delivery takes the secret itself, not a hash of it: a token of scope
-- 'github-webhook' keeps it here. It signs GitHub deliveries and opens nothing else.
ALTER TABLE api_token ADD COLUMN hook_secret VARCHAR(100);
