package dev.monitordash.core.version;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code git.properties}, as git-commit-id-maven-plugin (and Gradle's gradle-git-properties) write it: the
 * commit the application was built from, as if JGit had read HEAD ({@link GitHead}). The version is a tag
 * on that commit if there is one ({@code git.tags}; several: the highest in version order, since the file
 * does not say which is annotated), else the closest tag when it is 0 commits away, else the abbreviated
 * commit id. {@code git.commit.time} is the commit time.
 */
final class GitPropertiesVersion {

    static final String RESOURCE = "git.properties";

    private GitPropertiesVersion() {
    }

    /** The version in the file; null when it names neither a tag nor a commit. */
    static VersionInfo read(URL url) throws IOException {
        Properties p = BuildFiles.properties(url);
        String commit = BuildFiles.value(p, "git.commit.id");
        if (commit == null) {
            commit = BuildFiles.value(p, "git.commit.id.full"); // the plugin's name in its "full" id mode
        }
        List<String> tags = tags(BuildFiles.value(p, "git.tags"));
        String name;
        if (!tags.isEmpty()) {
            name = tags.get(0);
        } else if (BuildFiles.value(p, "git.closest.tag.name") != null
                && "0".equals(BuildFiles.value(p, "git.closest.tag.commit.count"))) {
            name = BuildFiles.value(p, "git.closest.tag.name");
            tags = List.of(name);
        } else {
            name = BuildFiles.value(p, "git.commit.id.abbrev");
            if (name == null && commit != null) {
                name = commit.substring(0, Math.min(GitHead.SHORT_HASH_LENGTH, commit.length()));
            }
        }
        if (name == null) {
            return null;
        }
        return new VersionInfo(name, commit, tags, BuildFiles.time(p.getProperty("git.commit.time")),
                VersionInfo.Source.GIT_PROPERTIES);
    }

    private static List<String> tags(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String t : list.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.trim());
                }
            }
        }
        out.sort(GitHead::compareVersionsDescending);
        return List.copyOf(out);
    }
}
