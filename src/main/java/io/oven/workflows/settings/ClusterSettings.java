package io.oven.workflows.settings;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code oven.cluster}: how instances of the service on one database know of each other.
 *
 * @param instanceId this instance's id in {@code service_instances}; empty: a new random one per start
 * @param host       the name this instance gives for its machine; empty: the machine's host name. Instances
 *                   with the same host name check each other's process ids, so give containers sharing
 *                   a kernel's process ids different names only if they do not share them
 * @param heartbeat  how often an instance says it is alive
 * @param lease      how long after its last heartbeat an instance counts as gone (its runs are
 *                   taken over at the next heartbeat of another instance: within lease + heartbeat)
 * @param forget     how long rows of stopped or gone instances are kept
 * @param reconcile  how often an instance compares what it runs with the stored workflows and
 *                   wirings (the fallback for a change notice it missed)
 * @param deployWait how long a save waits for every live instance to run the new version before
 *                   it answers (it answers which ones did)
 */
@Validated
@ConfigurationProperties("oven.cluster")
public record ClusterSettings(
        @DefaultValue("") String instanceId,
        @DefaultValue("") String host,
        @DefaultValue("2s") @DurationMin(millis = 100) Duration heartbeat,
        @DefaultValue("8s") @DurationMin(millis = 200) Duration lease,
        @DefaultValue("1d") @DurationMin(minutes = 1) Duration forget,
        @DefaultValue("15s") @DurationMin(millis = 100) Duration reconcile,
        @DefaultValue("5s") @DurationMin(millis = 0) Duration deployWait) {
}
