-- The original tool's table: its 26 columns under their names and in their order (campaign_id the
-- key), so SQL written for it runs unchanged; then this product's added columns and the sync's
-- bookkeeping. Portable between MySQL 8, MariaDB 10.6+ and H2 (MODE=MySQL).
CREATE TABLE digital_marketing_ad_performance_data (
    campaign_id               BIGINT         NOT NULL,
    campaign_company          VARCHAR(400)   NOT NULL,
    campaign_name             VARCHAR(400)   NOT NULL,
    campaign_type             VARCHAR(100)   NOT NULL,
    marketing_channel         VARCHAR(100)   NOT NULL,
    ad_format                 VARCHAR(100)   NOT NULL,
    date                      DATE           NOT NULL,
    impressions               BIGINT         NOT NULL,
    clicks                    BIGINT         NOT NULL,
    conversions               BIGINT         NOT NULL,
    ad_spend                  DECIMAL(24, 6) NOT NULL,
    device_type               VARCHAR(100)   NOT NULL,
    country                   VARCHAR(100)   NOT NULL,
    audience_segment          VARCHAR(100)   NOT NULL,
    cost_per_click            DECIMAL(30, 6),
    cost_per_mille            DECIMAL(30, 6),
    ctr                       DECIMAL(30, 6),
    conversion_rate           DECIMAL(30, 6),
    cpc_effectiveness_score   DECIMAL(30, 6),
    roi_score                 DECIMAL(30, 6),
    click_to_conversion_ratio DECIMAL(30, 6),
    quality_score             DECIMAL(30, 6),
    engagement_to_spend_ratio DECIMAL(30, 6),
    cost_efficiency_index     DECIMAL(30, 6),
    week_number               INT            NOT NULL,
    month                     INT            NOT NULL,
    revenue                   DECIMAL(24, 6),
    roas                      DECIMAL(30, 6),
    roi                       DECIMAL(30, 6),
    year                      INT,
    quarter                   INT,
    iso_year                  INT,
    data_quality              VARCHAR(2000)  NOT NULL DEFAULT '',
    -- sync bookkeeping: content hash, and where in which reading of the CSV the row was last seen.
    -- Defaults keep the original tool's 26-column INSERT working unchanged.
    row_hash                  CHAR(40)       NOT NULL DEFAULT '',
    source_generation         BIGINT         NOT NULL DEFAULT -1,
    source_offset             BIGINT         NOT NULL DEFAULT -1,
    PRIMARY KEY (campaign_id)
);

CREATE INDEX idx_dmapd_date ON digital_marketing_ad_performance_data (date);
CREATE INDEX idx_dmapd_channel_date ON digital_marketing_ad_performance_data (marketing_channel, date);
CREATE INDEX idx_dmapd_company_date ON digital_marketing_ad_performance_data (campaign_company, date);
CREATE INDEX idx_dmapd_campaign_date ON digital_marketing_ad_performance_data (campaign_name, date);

-- How far the CSV has been loaded: committed in the same transaction as the rows it covers.
CREATE TABLE pipeline_sync_checkpoint (
    id          INT          NOT NULL,
    file_key    VARCHAR(300) NOT NULL,
    head_hash   CHAR(64)     NOT NULL,
    tail_hash   CHAR(64)     NOT NULL,
    generation  BIGINT       NOT NULL,
    byte_offset BIGINT       NOT NULL,
    line_number BIGINT       NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    PRIMARY KEY (id)
);

-- CSV lines that could not be loaded, with the reason; the sync goes on past them.
CREATE TABLE pipeline_quarantine (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    generation     BIGINT        NOT NULL,
    line_number    BIGINT        NOT NULL,
    byte_offset    BIGINT        NOT NULL,
    campaign_id    BIGINT,
    raw_line       VARCHAR(4000) NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    quarantined_at TIMESTAMP     NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX idx_quarantine_generation ON pipeline_quarantine (generation);
