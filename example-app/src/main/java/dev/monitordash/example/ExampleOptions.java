package dev.monitordash.example;

/** Command line of the example app: {@code [--port 8080] [--simulate] [--users 40] [--rps 20] [--minutes 30]}. */
record ExampleOptions(int port, boolean simulate, int users, int requestsPerSecond, int simulateMinutes) {

    static ExampleOptions parse(String[] args) {
        int port = 8080;
        boolean simulate = false;
        int users = 40;
        int rps = 20;
        int minutes = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = intArg(args, ++i, "--port", 0, 65_535);
                case "--simulate" -> simulate = true;
                case "--users" -> users = intArg(args, ++i, "--users", 1, 10_000);
                case "--rps" -> rps = intArg(args, ++i, "--rps", 1, 10_000);
                case "--minutes" -> minutes = intArg(args, ++i, "--minutes", 1, 24 * 60);
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar example-app.jar [--port 8080] [--simulate]"
                            + " [--users 40] [--rps 20] [--minutes 30]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        return new ExampleOptions(port, simulate, users, rps, minutes);
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
