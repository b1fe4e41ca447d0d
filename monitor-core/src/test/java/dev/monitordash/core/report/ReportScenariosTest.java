package dev.monitordash.core.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report against generated histories with known truth (issue 10), fixed seeds: how often it finds
 * what changed and how often it calls a change where there was none. Each test prints its figures (the
 * ones in docs/dashboard.md) and asserts the bounds. Defaults throughout: 5 % minimum effect, 100
 * requests a side, false discovery rate 5 %.
 */
class ReportScenariosTest {

    static final ReportSettings SETTINGS = ReportSettings.defaults();
    static final int ENDPOINTS = 50;

    /** The report's verdict per endpoint name. */
    static Map<String, EndpointChange> byName(Report r) {
        return r.endpoints().stream().collect(Collectors.toMap(EndpointChange::endpoint, Function.identity()));
    }

    static void print(String scenario, String figures) {
        System.out.println(String.format(Locale.ROOT, "[report scenario] %-28s %s", scenario, figures));
    }

    @Test
    void nothingChangedGivesAtMostOneFalseChangePerFiftyEndpoints() {
        int seeds = 20;
        int falseChanges = 0;
        int worst = 0;
        int rawSignificant = 0;
        int tested = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            Scenario s = new Scenario(seed);
            for (int e = 0; e < ENDPOINTS; e++) {
                long n = s.traffic(30, 50_000);
                s.add(s.endpoint("/e" + e, n, Math.max(30, Math.round(n * (0.5 + s.random().nextDouble())))));
            }
            Report r = s.report(SETTINGS);
            int here = (int) r.endpoints().stream().filter(c -> c.verdict().changed()).count();
            falseChanges += here;
            worst = Math.max(worst, here);
            for (EndpointChange c : r.endpoints()) {
                for (PartChange p : c.parts()) {
                    if (p.tested()) {
                        tested++;
                        rawSignificant += p.p() < 0.05 ? 1 : 0;
                    }
                }
            }
        }
        print("null", String.format(Locale.ROOT, "%d reports × %d endpoints: %d false changes (%.2f per report, "
                + "worst %d); uncorrected p < 0.05 in %.1f %% of %d tests", seeds, ENDPOINTS, falseChanges,
                falseChanges / (double) seeds, worst, 100.0 * rawSignificant / tested, tested));
        assertTrue(falseChanges <= seeds, "at most one false change per report of 50 on average: " + falseChanges);
        assertTrue(worst <= 2, "no report with more than two false changes: " + worst);
    }

    @Test
    void medianShiftsWithAThousandRequestsASideAreFoundInTheRightDirection() {
        int seeds = 10;
        int[] found = new int[3];
        int[] planted = new int[3];
        int wrongDirection = 0;
        int falseChanges = 0;
        String[] truths = {"slower", "slower", "faster"};
        double[] factors = {1.2, 1.5, 0.7};
        for (long seed = 100; seed < 100 + seeds; seed++) {
            Scenario s = new Scenario(seed);
            for (int e = 0; e < ENDPOINTS; e++) {
                int kind = e < 10 ? 0 : e < 15 ? 1 : e < 20 ? 2 : -1;
                long n = kind >= 0 ? s.traffic(1_000, 50_000) : s.traffic(30, 50_000);
                Scenario.Spec spec = s.endpoint("/e" + e, n, n);
                s.add(kind < 0 ? spec : spec.changed(truths[kind], Scenario.Effect.scale(factors[kind])));
            }
            Map<String, EndpointChange> r = byName(s.report(SETTINGS));
            for (Scenario.Spec spec : s.specs()) {
                EndpointChange c = r.get(spec.name());
                int kind = List.of(truths).indexOf(spec.truth()) < 0 ? -1
                        : spec.truth().equals("faster") ? 2 : spec.after().apply(1_000, 0, 0, 0) > 1_400 ? 1 : 0;
                if (kind < 0) {
                    falseChanges += c.verdict().changed() ? 1 : 0;
                    continue;
                }
                planted[kind]++;
                boolean right = spec.truth().equals(c.verdict().label());
                found[kind] += right ? 1 : 0;
                wrongDirection += c.verdict().changed() && !right ? 1 : 0;
            }
        }
        print("median shifts", String.format(Locale.ROOT, "+20 %%: %d/%d found, +50 %%: %d/%d, −30 %%: %d/%d; "
                + "wrong direction %d; false changes %d in %d reports", found[0], planted[0], found[1], planted[1],
                found[2], planted[2], wrongDirection, falseChanges, seeds));
        assertEquals(planted[0], found[0], "every +20 % shift with ≥ 1 000 requests a side");
        assertEquals(planted[1], found[1]);
        assertEquals(planted[2], found[2]);
        assertEquals(0, wrongDirection);
        assertTrue(falseChanges <= seeds, "false changes: " + falseChanges);
    }

    @Test
    void busyEndpointsGainPowerFromEveryRequest() {
        // Issue 10: +10 % over 50 000 requests a side was missed 6 times in 20 with a 500-request sample.
        int found = 0;
        int planted = 0;
        double largestP = 0;
        for (long seed = 200; seed < 203; seed++) {
            Scenario s = new Scenario(seed);
            for (int e = 0; e < 20; e++) {
                s.add(s.endpoint("/busy" + e, 50_000, 50_000).changed("slower", Scenario.Effect.scale(1.1)));
            }
            for (EndpointChange c : s.report(SETTINGS).endpoints()) {
                planted++;
                found += c.verdict() == Verdict.SLOWER ? 1 : 0;
                largestP = Math.max(largestP, c.part(Part.MEDIAN).p());
            }
        }
        print("busy +10 %", String.format(Locale.ROOT, "%d/%d found at 50 000 requests a side; largest median p %.1e",
                found, planted, largestP));
        assertEquals(planted, found);
    }

    @Test
    void tailOnlyDoublingsAreFoundAndSaidToBeInTheTail() {
        int found = 0;
        int planted = 0;
        int medianCalledUnchanged = 0;
        int falseChanges = 0;
        String example = null;
        for (long seed = 300; seed < 310; seed++) {
            Scenario s = new Scenario(seed);
            for (int e = 0; e < ENDPOINTS; e++) {
                long n = s.traffic(1_000, 20_000);
                Scenario.Spec spec = s.endpoint("/e" + e, n, n);
                s.add(e < 10 ? spec.changed("slower", Scenario.tailDoubling(spec)) : spec);
            }
            for (EndpointChange c : s.report(SETTINGS).endpoints()) {
                if (!s.spec(c.endpoint()).truth().equals("slower")) {
                    falseChanges += c.verdict().changed() ? 1 : 0;
                    continue;
                }
                planted++;
                if (c.verdict() == Verdict.SLOWER && c.part(Part.P90).significant()) {
                    found++;
                    example = example == null ? c.summary() : example;
                }
                medianCalledUnchanged += c.summary().contains("median unchanged") ? 1 : 0;
            }
        }
        print("tail-only p90 ×2", String.format(Locale.ROOT, "%d/%d found by their p90, median unchanged in %d; "
                + "false changes %d in 10 reports; e.g. \"%s\"", found, planted, medianCalledUnchanged, falseChanges,
                example));
        assertEquals(planted, found);
        assertEquals(planted, medianCalledUnchanged, "the summary says the centre did not move");
        assertTrue(falseChanges <= 10, "false changes: " + falseChanges);
    }

    @Test
    void changesBelowTheMinimumEffectAreNotReportedThoughSignificant() {
        Scenario s = new Scenario(400);
        for (int e = 0; e < 20; e++) {
            s.add(s.endpoint("/drift" + e, 50_000, 50_000).changed("unchanged", Scenario.Effect.scale(1.02)));
        }
        Report r = s.report(SETTINGS);
        long significant = r.endpoints().stream().filter(c -> c.part(Part.MEDIAN).adjustedP() < 0.05).count();
        long reported = r.endpoints().stream().filter(c -> c.verdict().changed()).count();
        print("+2 % drift", String.format(Locale.ROOT, "%d/20 significant at 50 000 a side, %d reported", significant,
                reported));
        assertTrue(significant >= 15, "the drift is real and the test sees it: " + significant);
        assertEquals(0, reported);
    }

    @Test
    void aDifferentMixOfHoursIsNamedAsTheExplanation() {
        int flagged = 0;
        int explained = 0;
        int controls = 0;
        int controlsNotExplained = 0;
        String example = null;
        // Busy hours are 30 % slower on both versions; 2.0's requests fell 80 % in them, 1.0's 25 %.
        Scenario.Effect load = (d, h, u, i) -> Scenario.isBusy(h) ? d * 1.3 : d;
        for (long seed = 500; seed < 505; seed++) {
            Scenario s = new Scenario(seed);
            for (int e = 0; e < 20; e++) {
                long n = s.traffic(2_000, 20_000);
                Scenario.Spec spec = s.endpoint("/e" + e, n, n)
                        .load(load, Scenario.busyShare(0.25), Scenario.busyShare(0.8));
                s.add(e < 10 ? spec : spec.changed("slower", Scenario.Effect.scale(1.25)));
            }
            for (EndpointChange c : s.report(SETTINGS).endpoints()) {
                boolean real = s.spec(c.endpoint()).truth().equals("slower");
                if (real) {
                    controls++;
                    controlsNotExplained += c.verdict() == Verdict.SLOWER && !c.explainedBy(Check.Kind.HOURS) ? 1 : 0;
                } else if (c.verdict().changed()) {
                    flagged++;
                    explained += c.explainedBy(Check.Kind.HOURS) ? 1 : 0;
                    example = example == null ? check(c, Check.Kind.HOURS).text() : example;
                }
            }
        }
        print("load in busy hours", String.format(Locale.ROOT, "%d/50 confounded endpoints flagged, %d of them "
                + "explained by the hours; real +25 %% under the same mix: %d/%d not explained; e.g. \"%s\"", flagged,
                explained, controlsNotExplained, controls, example));
        assertTrue(flagged >= 40, "the confound does look like a regression overall: " + flagged);
        // Each check is a test at 1 %: an unlucky hour mix now and then looks like a change of its own.
        assertTrue(explained >= 0.95 * flagged, explained + " of " + flagged + " explained");
        assertTrue(controlsNotExplained >= 0.95 * controls, controlsNotExplained + " of " + controls);
    }

    @Test
    void aChangeOfOneUserIsNamedAsConcentratedInThatUser() {
        int flagged = 0;
        int concentrated = 0;
        String example = null;
        for (long seed = 600; seed < 605; seed++) {
            Scenario s = new Scenario(seed);
            for (int e = 0; e < 10; e++) {
                // user-0, the busiest (about 3 % of the requests), got 3× slower; nobody else changed.
                s.add(s.endpoint("/e" + e, 20_000, 20_000)
                        .changed("slower", (d, h, u, i) -> u == 0 ? 3 * d : d));
            }
            for (EndpointChange c : s.report(SETTINGS).endpoints()) {
                if (c.verdict().changed()) {
                    flagged++;
                    Check users = check(c, Check.Kind.USERS);
                    if (users.explains() && users.users().equals(List.of(Scenario.userName(0)))) {
                        concentrated++;
                        example = example == null ? users.text() : example;
                    }
                }
            }
        }
        print("one user 3× slower", String.format(Locale.ROOT, "%d/50 flagged, %d of them concentrated in that "
                + "user; e.g. \"%s\"", flagged, concentrated, example));
        assertTrue(flagged >= 40, "flagged: " + flagged);
        assertTrue(concentrated >= 0.95 * flagged, concentrated + " of " + flagged + " concentrated");
    }

    @Test
    void aChangeOfOneInstanceIsNamedAsConcentratedInIt() {
        int flagged = 0;
        int concentrated = 0;
        Scenario s = new Scenario(700);
        for (int e = 0; e < 10; e++) {
            s.add(s.endpoint("/e" + e, 10_000, 10_000).changed("slower", (d, h, u, i) -> i == 1 ? 1.5 * d : d));
        }
        for (EndpointChange c : s.report(SETTINGS).endpoints()) {
            flagged += c.verdict().changed() ? 1 : 0;
            concentrated += c.verdict().changed() && c.checks().stream().anyMatch(k -> k.kind() == Check.Kind.INSTANCE
                    && k.explains() && "web-2".equals(k.instance())) ? 1 : 0;
        }
        print("one instance 1.5× slower", String.format(Locale.ROOT, "%d/10 flagged, %d concentrated in it",
                flagged, concentrated));
        assertEquals(10, flagged);
        assertEquals(10, concentrated);
    }

    @Test
    void lowTrafficEndpointsSayNotEnoughDataWithTheirCounts() {
        Scenario s = new Scenario(800);
        s.add(s.endpoint("/rare", 30, 45).changed("slower", Scenario.Effect.scale(2)));
        EndpointChange c = s.report(SETTINGS).endpoints().get(0);
        assertEquals(Verdict.NOT_ENOUGH_DATA, c.verdict());
        assertEquals("not enough data: 30 → 45 requests (100 a side needed)", c.summary());
        assertTrue(c.parts().stream().noneMatch(PartChange::tested));
    }

    @Test
    void slowerEndpointsAreRankedByTheTimeTheyCostInTotal() {
        // Issue 10: +340 ms on 3 800 requests ranked below +14 ms on 200 when ordered by effect size.
        Scenario s = new Scenario(900);
        Scenario.Spec costly = s.endpoint("/report/{id}", 3_800, 3_800);
        costly = new Scenario.Spec(costly.name(), "slower", 3_800, 3_800, 2_000, 0.3, Scenario.Effect.NONE,
                Scenario.Effect.scale(1.17), Scenario.DAILY, Scenario.DAILY);
        Scenario.Spec cheap = new Scenario.Spec("/ping", "slower", 200, 200, 10, 0.3, Scenario.Effect.NONE,
                Scenario.Effect.scale(2.4), Scenario.DAILY, Scenario.DAILY);
        Report r = s.add(cheap).add(costly).report(SETTINGS);
        assertEquals(List.of("/report/{id}", "/ping"), r.slower().stream().map(EndpointChange::endpoint).toList());
        EndpointChange first = r.slower().get(0);
        assertTrue(first.extraSeconds() > 1_000, "about 3 800 × 0.34 s: " + first.extraSeconds());
        assertTrue(r.slower().get(1).relativeChange() > first.relativeChange(), "the relative change ranks the other way");
    }

    static Check check(EndpointChange c, Check.Kind kind) {
        return c.checks().stream().filter(k -> k.kind() == kind).findFirst().orElseThrow();
    }
}
