package dev.mp.io;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

/** The YAML factory, built on first use so that commands without YAML never load SnakeYAML. */
final class Yaml {
  private Yaml() {}

  private static final class Holder {
    static final YAMLFactory FACTORY = create();

    private static YAMLFactory create() {
      LoaderOptions options = new LoaderOptions();
      // Alias expansion is how "billion laughs" documents blow up; policy files need few or none.
      options.setMaxAliasesForCollections(20);
      options.setNestingDepthLimit(Json.MAX_DEPTH);
      options.setCodePointLimit(4 * 1024 * 1024);
      options.setAllowDuplicateKeys(false);
      return YAMLFactory.builder()
          .loaderOptions(options)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(Json.MAX_DEPTH).build())
          .build();
    }
  }

  static YAMLFactory factory() {
    return Holder.FACTORY;
  }
}
