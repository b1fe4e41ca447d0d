package dev.monitordash.example;

import java.util.Random;

/**
 * The example's simulated users, shared by the live {@link TrafficSimulator} and the backfilled
 * {@link DemoHistory}, so that history and live traffic are the same people: {@code user0},
 * {@code user1}, ... of whom the first few make most of the requests.
 */
final class ExampleUsers {

    private ExampleUsers() {
    }

    static String name(int index) {
        return "user" + index;
    }

    /** The index of the next request's user: skewed (x²), as a few heavy users make most traffic. */
    static int pick(Random random, int users) {
        return Math.min(users - 1, (int) Math.floor(users * Math.pow(random.nextDouble(), 2)));
    }
}
