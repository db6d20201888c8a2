package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csvfile.LineConverter;

/**
 * Writes one complete export of campaigns.csv into the export folder: the flat file, the
 * star schema when it is on, and the .pbids file. Each file is replaced whole, never
 * deleted and re-created.
 */
final class ExportWriter {

	private final PipelineProperties.PowerBi settings;

	private final Path csv;

	private final Path folder;

	private final StarExport star;

	ExportWriter(PipelineProperties properties, LineConverter converter, Categories categories) {
		this.settings = properties.powerbi();
		this.csv = properties.csvPath();
		this.folder = properties.powerbiExportDir();
		this.star = new StarExport(csv, properties.stateDir(), converter, categories);
	}

	/** The flat export, whose absence means the folder needs an export. */
	Path flatFile() {
		return folder.resolve(settings.fileName());
	}

	/**
	 * Writes every file of the export.
	 * @return the number of fact rows in the star schema, -1 when it is off
	 */
	long write() throws IOException {
		Files.createDirectories(folder);
		Path flat = flatFile();
		AtomicFile.replace(flat, FlatExport.of(csv, settings.header()));
		long records = settings.starSchema() ? star.write(folder) : -1;
		PbidsFile.write(folder, flat);
		return records;
	}

}
