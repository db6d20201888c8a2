package dev.campaignpipe.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.config.PipelineProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

/**
 * The product's real application.yml bound to {@link PipelineProperties}, with overrides.
 */
public final class TestProperties {

	private TestProperties() {
	}

	public static PipelineProperties load(Path dataDir, Map<String, Object> overrides) {
		try {
			List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
					new ClassPathResource("application.yml"));
			Map<String, Object> all = new java.util.HashMap<>(overrides);
			all.put("pipeline.data-dir", dataDir.toString());
			List<PropertySource<?>> sources = new java.util.ArrayList<>();
			sources.add(new MapPropertySource("test", all));
			sources.addAll(yaml);
			return new Binder(ConfigurationPropertySources.from(sources)).bind("pipeline", PipelineProperties.class)
				.get();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static PipelineProperties load(Path dataDir) {
		return load(dataDir, Map.of());
	}

}
