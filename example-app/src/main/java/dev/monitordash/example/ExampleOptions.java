package dev.monitordash.example;

/**
 * Command line of the example app; see {@link #USAGE}.
 *
 * @param demoHistoryDays days of history to backfill before serving; 0 for none
 * @param help            {@code --help} was given: print {@link #USAGE} and do nothing else
 */
record ExampleOptions(int port, boolean simulate, int users, int requestsPerSecond, int simulateMinutes,
        int demoHistoryDays, boolean help) {

    static final int DEFAULT_USERS = 40;
    static final int MAX_HISTORY_DAYS = 400;

    static final String USAGE = """
            usage: java -jar example-app.jar [--port 8080] [--simulate] [--users 40] [--rps 20] [--minutes 30]
                                             [--demo-history DAYS]
              --port N            port to listen on (0: any free port; default 8080)
              --simulate          drive the app with simulated users (live traffic)
              --users N           simulated users, live and in the demo history (1-10000, default 40)
              --rps N             simulated requests per second (1-10000, default 20)
              --minutes N         how long to simulate (1-1440, default 30)
              --demo-history N    before serving, backfill N days (1-400) of request history: five versions,
                                  one of which made /api/articles/recommended twice as slow; skipped when the
                                  database already holds requests. Also puts /api/feeds/refresh at level 2,
                                  so that its live hangs are captured as outliers
              --help              print this and exit""";

    static ExampleOptions parse(String[] args) {
        int port = 8080;
        boolean simulate = false;
        int users = DEFAULT_USERS;
        int rps = 20;
        int minutes = 30;
        int historyDays = 0;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = intArg(args, ++i, "--port", 0, 65_535);
                case "--simulate" -> simulate = true;
                case "--users" -> users = intArg(args, ++i, "--users", 1, 10_000);
                case "--rps" -> rps = intArg(args, ++i, "--rps", 1, 10_000);
                case "--minutes" -> minutes = intArg(args, ++i, "--minutes", 1, 24 * 60);
                case "--demo-history" -> historyDays = intArg(args, ++i, "--demo-history", 1, MAX_HISTORY_DAYS);
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        return new ExampleOptions(port, simulate, users, rps, minutes, historyDays, help);
    }

    private static int intArg(String[] args, int i, String name, int min, int max) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a number");
        }
        try {
            int v = Integer.parseInt(args[i]);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + args[i] + "'", e);
        }
    }
}
