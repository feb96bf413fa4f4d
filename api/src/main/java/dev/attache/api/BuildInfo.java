package dev.attache.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this build reports as its version. {@code version} is the Consul API level the agent speaks, so
 * that version-gated clients use the modern API; {@code metadata} names Attaché and its own version.
 *
 * @param version   Consul version emulated, e.g. {@code 1.21.0}
 * @param metadata  version metadata, e.g. {@code attache.0.1.0}
 * @param revision  the git commit of the build, or "" when unknown
 * @param buildDate RFC 3339 build time, or "" when unknown
 */
public record BuildInfo(String version, String metadata, String revision, String buildDate) {
    public static final String CONSUL_API_VERSION = "1.21.0";

    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    /** {@code 1.21.0+attache.0.1.0}: version plus metadata, as Consul's {@code HumanVersion}. */
    public String humanVersion() {
        return metadata.isEmpty() ? version : version + "+" + metadata;
    }

    /** The {@code build} member tag: version and prerelease, a colon, the first 8 characters of the revision. */
    public String buildTag() {
        return version + ":" + (revision.length() > 8 ? revision.substring(0, 8) : revision);
    }

    private static BuildInfo load() {
        Properties build = properties("build.properties");
        Properties git = properties("git.properties");
        String own = build.getProperty("attache.version", "dev");
        return new BuildInfo(CONSUL_API_VERSION, "attache." + own,
                git.getProperty("git.commit.id", ""), build.getProperty("attache.build.date", ""));
    }

    private static Properties properties(String name) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // A build without the resource reports empty values.
        }
        return p;
    }
}
