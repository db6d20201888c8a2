-- Cluster mode (SPEC §15): a database fed from the Kafka log keeps its position in the log here,
-- written in the same transaction as the rows it covers. One row (id 1), locked by each batch
-- (SELECT ... FOR UPDATE) so two sinks on one database never write at once. The portable form for
-- MySQL, MariaDB and H2.
CREATE TABLE pipeline_log_position (
    id INT NOT NULL PRIMARY KEY,
    topic VARCHAR(249) NOT NULL,
    next_offset BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
