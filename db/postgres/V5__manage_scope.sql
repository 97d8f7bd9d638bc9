-- The manage scope (alert rules) is new; the bootstrap key holds every scope, those made before too.
UPDATE api_keys SET scopes = 'INGEST,MANAGE,READ' WHERE bootstrap = TRUE;
