package dev.campaignpipe.status;

/**
 * A notice shown above every page while part of the pipeline needs the user's attention.
 *
 * @param level {@code warning} or {@code error}, for styling
 */
public record Banner(String level, String message) {
}
