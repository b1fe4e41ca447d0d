package dev.monitordash.ui.api;

import dev.monitordash.core.profile.CallTree;
import dev.monitordash.core.profile.Profile;
import dev.monitordash.core.query.ProfileSummary;

import java.util.Comparator;
import java.util.List;

/**
 * The JSON shapes of the profile routes. A call tree is sent nested, children by hits (most first), each
 * node with its samples, the time they stand for (share of the samples × the measured duration), the
 * mean of that time per profiled request, and its share of all samples.
 */
final class ProfileViews {

    private ProfileViews() {
    }

    private static final Comparator<CallTree.Node> BY_HITS =
            Comparator.comparingLong(CallTree.Node::hits).reversed().thenComparing(CallTree.Node::frame);

    record Node(String frame, long hits, double totalMillis, double meanMillis, double share, List<Node> children) {
    }

    /**
     * @param id       the request profile's id; null for a grouped profile
     * @param requests how many request profiles are merged (1 for one request's profile)
     */
    record Tree(String endpoint, Long id, int requests, long samples, double periodMillis, double durationMillis,
            Node root) {
    }

    record Summary(long id, String startedAt, double durationMillis, long samples, double periodMillis,
            boolean truncated, String user, String version, int status) {
    }

    record ListView(String endpoint, List<Summary> profiles) {
    }

    static ListView list(String endpoint, List<ProfileSummary> profiles) {
        return new ListView(endpoint, profiles.stream().map(p -> new Summary(p.id(), p.startedAt().toString(),
                p.durationMillis(), p.samples(), p.periodMillis(), p.truncated(), p.user(), p.version(), p.status()))
                .toList());
    }

    static Tree tree(Profile p, Long id, int requests) {
        return new Tree(p.endpoint(), id, requests, p.samples(), p.periodNanos() / 1e6, p.durationNanos() / 1e6,
                node(p, p.tree().root(), Math.max(1, requests)));
    }

    // Depth is bounded by the sampler's stack depth (256 frames), so recursion is safe here.
    private static Node node(Profile p, CallTree.Node n, int requests) {
        double total = p.nanosOf(n) / 1e6;
        List<Node> children = n.children().stream().sorted(BY_HITS).map(c -> node(p, c, requests)).toList();
        return new Node(n.frame(), n.hits(), total, total / requests, p.shareOf(n), children);
    }
}
