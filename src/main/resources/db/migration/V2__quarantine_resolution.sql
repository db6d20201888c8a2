-- A quarantined line is repaired from the browser or the API (SPEC §13): fixed into a new record,
-- or dismissed. Nothing is deleted: a resolved line keeps its reason, its raw text and, when fixed,
-- the campaign_id it became. One statement per column: the portable form for MySQL, MariaDB and H2.
ALTER TABLE pipeline_quarantine ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'open';
ALTER TABLE pipeline_quarantine ADD COLUMN resolution VARCHAR(10);
ALTER TABLE pipeline_quarantine ADD COLUMN resolved_campaign_id BIGINT;
ALTER TABLE pipeline_quarantine ADD COLUMN resolved_at TIMESTAMP NULL;
CREATE INDEX idx_quarantine_status ON pipeline_quarantine (status, id);
