package dev.unravel.sim.world;

import java.util.List;

/**
 * A repository in the company's GitHub organisation.
 *
 * @param name      the repository name (without the organisation)
 * @param team      the owning team
 * @param isPrivate whether it is private
 * @param paths     a sample of the file paths in it, as they would appear in an archive of a clone
 */
public record Repo(String name, String team, boolean isPrivate, List<String> paths) {
}
