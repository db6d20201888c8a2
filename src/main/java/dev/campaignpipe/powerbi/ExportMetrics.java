package dev.campaignpipe.powerbi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The export's meter (docs/metrics.md): whether it is failing — a full or vanished export
 * folder, a OneDrive that holds the file — so an alert does not need to read the status
 * JSON.
 */
@Component
class ExportMetrics implements MeterBinder {

	private final PowerBiExporter exporter;

	ExportMetrics(PowerBiExporter exporter) {
		this.exporter = exporter;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		Gauge.builder("pipeline.powerbi.failing", exporter, e -> e.status().failingSince() != null ? 1 : 0)
			.description("1 while the Power BI export cannot be written (it keeps its previous files and retries)")
			.register(meters);
	}

}
