import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints how many tests the build ran, per module (unit tests from Surefire/Failsafe, in-framework tests from
 * bnd-testing, which prints no count of its own), and fails when the in-framework count is below the minimum
 * (bnd-testing passes with 0 tests) or anything failed. Run by the itests module at verify:
 * java CountTests.java PROJECT_ROOT MINIMUM_ITESTS
 */
public class CountTests {
    private static final Pattern SUITE = Pattern.compile("<testsuite\\b([^>]*)>");

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int minimum = Integer.parseInt(args[1]);
        Map<String, int[]> byModule = new TreeMap<>();
        List<Path> reports = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, 6)) {
            s.filter(p -> p.getFileName().toString().startsWith("TEST-") && p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> kind(p) != null)
                    .forEach(reports::add);
        }
        int itests = 0;
        int[] total = new int[4];
        for (Path r : reports) {
            String xml = Files.readString(r);
            Matcher m = SUITE.matcher(xml);
            if (!m.find()) continue;
            String attrs = m.group(1);
            int[] c = {attr(attrs, "tests"), attr(attrs, "failures"), attr(attrs, "errors"), attr(attrs, "skipped")};
            String kind = kind(r);
            Path target = r;
            while (!target.getFileName().toString().equals("target")) target = target.getParent();
            Path module = root.relativize(target.getParent());
            boolean inFramework = kind.equals("test-reports");
            String key = module + (inFramework ? " (in-framework)" : kind.equals("failsafe-reports") ? " (distribution)" : "");
            int[] acc = byModule.computeIfAbsent(key, k -> new int[4]);
            for (int i = 0; i < 4; i++) {
                acc[i] += c[i];
                total[i] += c[i];
            }
            if (inFramework) itests += c[0];
        }
        System.out.println();
        System.out.println("Ductus test summary");
        byModule.forEach((k, c) -> System.out.printf("  %-40s tests %4d  failures %d  errors %d  skipped %d%n", k, c[0], c[1], c[2], c[3]));
        System.out.printf("Tests run: %d, Failures: %d, Errors: %d, Skipped: %d (of which in-framework: %d)%n",
                total[0], total[1], total[2], total[3], itests);
        if (itests < minimum) {
            System.out.println("FAIL: only " + itests + " in-framework tests ran, expected at least " + minimum);
            System.exit(1);
        }
        if (total[1] + total[2] > 0) {
            System.out.println("FAIL: " + (total[1] + total[2]) + " tests failed");
            System.exit(1);
        }
    }

    /** surefire-reports, failsafe-reports or test-reports (bnd-testing), for a report under a module's target/. */
    private static String kind(Path report) {
        String path = report.toString().replace('\\', '/');
        for (String k : new String[] {"surefire-reports", "failsafe-reports", "test-reports"}) {
            if (path.contains("/target/" + k + "/")) return k;
        }
        return null;
    }

    private static int attr(String attrs, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(attrs);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
