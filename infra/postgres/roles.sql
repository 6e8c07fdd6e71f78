-- One login role per service, each owning only its own database (production).
--
-- Development and tests keep the superuser default (postgres://postgres@...): every service creates
-- and migrates its database itself. In production, run this once as a superuser, set each role's
-- password out of band, and give every service its own DATABASE_URL with its role, e.g.
--   DATABASE_URL=postgres://backoffice_hr:<secret>@db:5432/postgres   (hr connects to backoffice_hr)
-- (hr's migrations create btree_gist, a trusted extension a database owner may create.)
-- A compromised service then reads and writes its own data only: hr cannot see the ledger, IT cannot
-- see salaries, and nobody can create roles, databases or extensions.
--
--   psql -v ON_ERROR_STOP=1 -f infra/postgres/roles.sql
--   ALTER ROLE backoffice_hr PASSWORD '...';   -- per role, from your secret store, never in this file

\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 50', r)
FROM unnest(ARRAY['backoffice_hr', 'backoffice_accounting', 'backoffice_documents', 'backoffice_compliance', 'backoffice_it', 'backoffice_catalog']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)
\gexec

SELECT format('CREATE DATABASE %I OWNER %I', d, d)
FROM unnest(ARRAY['backoffice_hr', 'backoffice_accounting', 'backoffice_documents', 'backoffice_compliance', 'backoffice_it', 'backoffice_catalog']) AS d
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\gexec

-- Databases created earlier by the superuser: hand them (and everything in them) to their service.
SELECT format('ALTER DATABASE %I OWNER TO %I', d, d)
FROM unnest(ARRAY['backoffice_hr', 'backoffice_accounting', 'backoffice_documents', 'backoffice_compliance', 'backoffice_it', 'backoffice_catalog']) AS d
\gexec

-- Nobody but the owner connects to a service database; no role creates objects in `postgres`.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', d)
FROM unnest(ARRAY['backoffice_hr', 'backoffice_accounting', 'backoffice_documents', 'backoffice_compliance', 'backoffice_it', 'backoffice_catalog']) AS d
\gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Tables the superuser already created (moving a dev-style install to these roles): connect to each
-- service database and hand its tables, sequences and views to the owner, e.g. for hr:
--   \c backoffice_hr
--   DO $$ DECLARE o record; BEGIN
--     FOR o IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
--              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v', 'm', 'p') LOOP
--       EXECUTE format('ALTER %s public.%I OWNER TO backoffice_hr',
--         CASE o.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, o.relname);
--     END LOOP; END $$;
--   ALTER SCHEMA public OWNER TO backoffice_hr;
