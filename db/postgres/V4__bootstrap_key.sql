-- The key made from SIGHTLINE_BOOTSTRAP_API_KEY (or generated on first start) is marked, so that a
-- new value at start revokes the old one and admins can find and revoke it. Earlier versions named
-- it 'bootstrap' in the default project; those keys are marked here.
ALTER TABLE api_keys ADD COLUMN bootstrap BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE api_keys SET bootstrap = TRUE
WHERE name = 'bootstrap' AND project_id = (SELECT id FROM projects WHERE name = 'default');
