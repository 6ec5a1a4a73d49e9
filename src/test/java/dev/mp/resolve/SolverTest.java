package dev.mp.resolve;

import static dev.mp.resolve.Fixtures.integrity;
import static dev.mp.resolve.Fixtures.plugin;
import static dev.mp.resolve.Fixtures.registry;
import static dev.mp.resolve.Fixtures.release;
import static dev.mp.resolve.Fixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolverTest {
  private static final Catalog CATALOG = new Catalog(List.of(registry("team", 75,
      plugin("alpha", release("3.0.0", integrity("a3"), "shared@^3"), release("2.0.0", integrity("a2"), "shared@^2"),
          release("1.0.0", integrity("a1"), "shared@^1")),
      simple("beta", "1.0.0", "t", "shared@^1"),
      plugin("amid", release("2.0.0", integrity("m2")), release("1.0.0", integrity("m1"))),
      plugin("shared", release("3.0.0", integrity("s3")), release("2.0.0", integrity("s2")), release("1.0.0", integrity("s1"))))));

  private static List<Solver.Root> roots(String... names) {
    return java.util.Arrays.stream(names).map(name -> new Solver.Root(name, VersionRange.ANY)).toList();
  }

  @Test
  void triesReleasesFromTheHighestDownUntilEveryConstraintHolds() {
    List<Node> decided = new Solver(CATALOG, new Preferences(Map.of(), Map.of())).solve(roots("alpha", "beta"));
    assertThat(decided).extracting(node -> node.name + "@" + node.frame.current.version)
        .containsExactly("alpha@1.0.0", "beta@1.0.0", "shared@1.0.0");
  }

  @Test
  void jumpsBackOverDecisionsThatDidNotCauseTheDeadEndAndRedoesThem() {
    List<Node> decided = new Solver(CATALOG, new Preferences(Map.of(), Map.of())).solve(roots("alpha", "amid", "beta"));
    assertThat(decided).extracting(node -> node.name + "@" + node.frame.current.version)
        .containsExactly("alpha@1.0.0", "amid@2.0.0", "beta@1.0.0", "shared@1.0.0");
  }

  @Test
  void givesUpAfterItsAttemptBudgetNamingTheFirstProblem() {
    MpException e = catchThrowableOfType(
        () -> new Solver(CATALOG, new Preferences(Map.of(), Map.of()), 2).solve(roots("alpha", "beta")),
        MpException.class);
    assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_ERROR);
    assertThat(e.getMessage()).isEqualTo("dependency resolution gave up after 2 attempts");
    assertThat(e.hints()).singleElement().asString().startsWith("the first problem met: no release of `shared`");
  }
}
