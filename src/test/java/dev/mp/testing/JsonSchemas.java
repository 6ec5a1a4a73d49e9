package dev.mp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * The official JSON schemas of the formats mp writes (CycloneDX 1.6, SPDX 2.3, SARIF 2.1.0), committed
 * under {@code src/test/resources/schemas} (see its README for where each comes from), and a validator
 * that reads them from the classpath only: each schema's {@code $id} is mapped to its file, so nothing
 * is fetched. Formats ({@code iri-reference}, {@code date-time}, ...) are asserted, not just noted.
 */
public final class JsonSchemas {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
      builder -> builder
          .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
          .schemaIdResolvers(resolvers -> resolvers
              .mapPrefix("http://cyclonedx.org/schema/", "classpath:schemas/")
              .mapPrefix("http://spdx.org/rdf/terms/2.3", "classpath:schemas/spdx-schema-v2.3.json")
              .mapPrefix("https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/",
                  "classpath:schemas/")));

  private JsonSchemas() {}

  /** CycloneDX 1.6. */
  public static List<String> cycloneDx(JsonNode document) {
    return validate("classpath:schemas/bom-1.6.schema.json", document);
  }

  /** SPDX 2.3. */
  public static List<String> spdx(JsonNode document) {
    return validate("classpath:schemas/spdx-schema-v2.3.json", document);
  }

  /** SARIF 2.1.0. */
  public static List<String> sarif(JsonNode document) {
    return validate("classpath:schemas/sarif-schema-2.1.0.json", document);
  }

  /** Every violation of the schema at {@code location}, as {@code /path: message}; empty when valid. */
  public static List<String> validate(String location, JsonNode document) {
    Schema schema = REGISTRY.getSchema(SchemaLocation.of(location));
    List<Error> errors = schema.validate(document);
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }
}
