package dev.campaignpipe.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.campaignpipe.campaign.CategorySettings;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.preset.PresetSettings;
import dev.campaignpipe.preset.WorkbookLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the product, under {@code pipeline.}. Paths left empty are derived
 * from {@link #dataDir()} so that one setting moves everything the product writes.
 */
@ConfigurationProperties("pipeline")
public record PipelineProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Csv csv,
		@DefaultValue CategorySettings categories, @DefaultValue Suggestions suggestions, @DefaultValue Sync sync,
		@DefaultValue PowerBi powerbi, @DefaultValue Dashboard dashboard, @DefaultValue Trail trail,
		/* The ad platforms' export formats (SPEC §14; presets.yml). */
		@DefaultValue Map<String, PresetSettings> presets,
		/* How much an XLSX import may unpack to (zip bombs). */
		@DefaultValue WorkbookLimits workbooks,
		/* Where submissions queue (SPEC §15): this machine's writer, or a Kafka log. */
		@DefaultValue Queue queue,
		/* The Kafka cluster of cluster mode (pipeline.queue.kind=kafka). */
		@DefaultValue Kafka kafka,
		/* What this process does in cluster mode; every role by default. */
		@DefaultValue( {
				"entry", "csv", "database", "export", "dashboard" }) Set<Role> roles,
		/*
		 * Start the writer, sync and export with the application; command-line tools
		 * start them only when they need them.
		 */
		@DefaultValue("true") boolean autoStart){

	/**
	 * Whether submissions go through a Kafka log (SPEC §15) instead of this machine's
	 * writer.
	 */
	public boolean clustered() {
		return queue.kind() == Queue.Kind.KAFKA;
	}

	/** Whether this process plays {@code role}. */
	public boolean runs(Role role) {
		return roles.contains(role);
	}

	/** The primary CSV file. */
	public Path csvPath() {
		return csv.path() != null ? csv.path() : dataDir.resolve("campaigns.csv");
	}

	/** Where the Power BI export goes (a OneDrive folder, typically). */
	public Path powerbiExportDir() {
		return powerbi.exportDir() != null ? powerbi.exportDir() : dataDir.resolve("powerbi");
	}

	/** Folder for the writer's own state: spool, id high-water mark. */
	public Path stateDir() {
		return dataDir.resolve("state");
	}

	public record Queue(@DefaultValue("local") Kind kind) {

		public enum Kind {

			/** This machine's writer thread, fsync'd to the CSV (SPEC §6). */
			LOCAL,
			/** A replicated Kafka log (SPEC §15). */
			KAFKA

		}

	}

	/** What a process does in cluster mode (SPEC §15). */
	public enum Role {

		/** The form, the API and imports. */
		ENTRY,
		/** The campaigns.csv writer: one per file. */
		CSV,
		/** The MySQL/MariaDB mirror: one per database. */
		DATABASE,
		/** The Power BI export. */
		EXPORT,
		/** The dashboard and its analytics replica. */
		DASHBOARD

	}

	public record Kafka(
			/* host:port,host:port of some of the brokers. */
			String bootstrapServers,
			/* The log every submission goes to; created with one partition if missing. */
			@DefaultValue("campaigns") String topic,
			/*
			 * Copies of the log: 3 brokers hold it, 2 must have a record to acknowledge
			 * it.
			 */
			@DefaultValue("3") short replicationFactor, @DefaultValue("2") int minInsyncReplicas,
			/* How long entry waits for the cluster before answering 503. */
			@DefaultValue("10s") Duration deliveryTimeout,
			/*
			 * Transactions in flight at once per entry node, each its own producer (more
			 * help only where the brokers have cores to spare: docs/benchmarks.md §10).
			 */
			@DefaultValue("1") int producers) {
	}

	public record Csv(Path path,
			/* Upper bound of records written and fsync'd together. */
			@DefaultValue("512") int maxBatch,
			/* Capacity of the in-process queue; submitters wait when it is full. */
			@DefaultValue("10000") int queueCapacity,
			/* First and longest wait between attempts to reopen a locked CSV. */
			@DefaultValue("200ms") Duration retryInitial, @DefaultValue("5s") Duration retryMax,
			/* How long a submitter waits for its acknowledgement before giving up. */
			@DefaultValue("30s") Duration ackTimeout) {
	}

	/** Each record's trail through the pipeline (SPEC §13, docs/records.md). */
	public record Trail(
			/* Keep trails (state/trail.jsonl); off, a record's page shows no times. */
			@DefaultValue("true") boolean enabled) {
	}

	/** How the CSV is mirrored into the database (SPEC §7). */
	public record Sync(
			/*
			 * Turn the database mirror off entirely (the CSV stays the primary source).
			 */
			@DefaultValue("true") boolean enabled,
			/* Longest wait between looks at the CSV when no change was signalled. */
			@DefaultValue("1s") Duration pollInterval,
			/* Lines loaded per transaction. */
			@DefaultValue("10000") int batchLines,
			/*
			 * Shortest time between two loads of new lines: fewer, larger transactions
			 * under load.
			 */
			@DefaultValue("20ms") Duration minInterval,
			/* Reading of dates such as 03-04-2024 in rows re-saved by Excel. */
			@DefaultValue("day-first") AmbiguousDates ambiguousDates,
			/* Longest wait between attempts while the database is unreachable. */
			@DefaultValue("30s") Duration retryMax) {
	}

	/** The Power BI export (SPEC §8). */
	public record PowerBi(@DefaultValue("true") boolean enabled, Path exportDir,
			/*
			 * File name of the flat export; the original tool's name keeps old reports
			 * working.
			 */
			@DefaultValue("powerbi_digital_marketing_data.csv") String fileName, @DefaultValue("clean") Header header,
			/* Also write the star schema (fact, dimensions, date table). */
			@DefaultValue("true") boolean starSchema,
			/*
			 * Quiet time after a change before exporting; also the least time between
			 * exports.
			 */
			@DefaultValue("2s") Duration debounce,
			/* Longest wait between attempts while the target is locked. */
			@DefaultValue("30s") Duration retryMax,
			/*
			 * While the database mirror loads a large backlog the export waits for it, at
			 * most this long.
			 */
			@DefaultValue("60s") Duration yieldToSyncMax) {
	}

	/** Header line of the flat export. */
	public enum Header {

		/** This product's column names: the 26 original ones, then the added ones. */
		CLEAN,
		/**
		 * The original tool's header line byte for byte (stray spaces included) and only
		 * its 26 columns.
		 */
		LEGACY

	}

	/**
	 * Which number comes first in a date like 03-04-2024; unambiguous dates are read
	 * either way.
	 */
	public enum AmbiguousDates {

		DAY_FIRST, MONTH_FIRST;

		/** The date forms rows read from a CSV may use. */
		public DateInput csvDates() {
			return this == DAY_FIRST ? DateInput.ISO_OR_DAY_FIRST : DateInput.ISO_OR_MONTH_FIRST;
		}

	}

	/** The dashboard and its analytics replica (SPEC §12). */
	public record Dashboard(
			/*
			 * Keep the analytics replica and serve /dashboard; off, neither runs and the
			 * page says so.
			 */
			@DefaultValue("true") boolean enabled,
			/* The replica's memory ceiling (DuckDB's memory_limit). */
			@DefaultValue("160MB") String memoryLimit, @DefaultValue Targets targets) {
	}

	/** The lines the dashboard's gauges measure against. */
	public record Targets(
			/* Impressions per month. */
			@DefaultValue("1000000") long impressions,
			/* Clicks per unit of ad spend. */
			@DefaultValue("3.0") BigDecimal engagementToSpend) {
	}

	/** Type-ahead suggestions for the free-text fields. */
	public record Suggestions(@DefaultValue List<String> companies, @DefaultValue List<String> campaignNames) {
	}

}
