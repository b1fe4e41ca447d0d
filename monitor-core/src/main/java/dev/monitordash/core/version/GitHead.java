package dev.monitordash.core.version;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the version of a repository's HEAD: its commit, commit time, the tags pointing at it, and the
 * version name. The name is a tag pointing at HEAD if there is one, else the abbreviated commit hash
 * (7 characters, more if needed to be unique). When several tags point at HEAD, the most recently created
 * annotated tag wins (annotated tags mark releases, which is why {@code git describe} prefers them);
 * lightweight tags carry no date and come after every annotated one, highest name in version order first
 * ({@code v1.10} above {@code v1.9}).
 */
final class GitHead {

    static final int SHORT_HASH_LENGTH = 7;

    private GitHead() {
    }

    /** The version at HEAD, or null when HEAD points at no commit yet (a new, empty repository). */
    static VersionInfo read(Repository repo) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD);
        if (head == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit commit = walk.parseCommit(head);
            List<String> tags = tagsAt(repo.getRefDatabase(), walk, commit);
            String name = tags.isEmpty() ? reader.abbreviate(commit, SHORT_HASH_LENGTH).name() : tags.get(0);
            Instant time = commit.getCommitterIdent().getWhenAsInstant();
            return new VersionInfo(name, commit.name(), tags, time, VersionInfo.Source.GIT);
        }
    }

    private static List<String> tagsAt(RefDatabase refs, RevWalk walk, RevCommit commit) throws IOException {
        List<Tag> found = new ArrayList<>();
        for (Ref ref : refs.getRefsByPrefix(Constants.R_TAGS)) {
            Ref peeled = refs.peel(ref);
            boolean annotated = peeled.getPeeledObjectId() != null;
            ObjectId target = annotated ? peeled.getPeeledObjectId() : ref.getObjectId();
            if (!commit.equals(target)) {
                continue;
            }
            // Lightweight tags (and annotated ones without a tagger) count as older than any dated tag.
            Instant tagged = Instant.MIN;
            if (annotated) {
                PersonIdent tagger = walk.parseTag(ref.getObjectId()).getTaggerIdent();
                if (tagger != null) {
                    tagged = tagger.getWhenAsInstant();
                }
            }
            found.add(new Tag(Repository.shortenRefName(ref.getName()), tagged));
        }
        found.sort(Comparator.comparing(Tag::tagged, Comparator.reverseOrder())
                .thenComparing(Tag::name, GitHead::compareVersionsDescending));
        List<String> names = new ArrayList<>(found.size());
        for (Tag t : found) {
            names.add(t.name());
        }
        return names;
    }

    /** Version order, highest first: runs of digits compare as numbers, the rest as text. */
    static int compareVersionsDescending(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                String na = stripZeros(a.substring(i, ei));
                String nb = stripZeros(b.substring(j, ej));
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return -c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return -Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return -Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    private record Tag(String name, Instant tagged) {
    }
}
