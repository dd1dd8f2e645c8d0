/**
 * Test support shared by every zero4j module: launchers for real servers on free loopback ports
 * ({@link io.github.zero4j.testing.RedisServer}, {@link io.github.zero4j.testing.RedisCluster},
 * {@link io.github.zero4j.testing.EtcdServer}, {@link io.github.zero4j.testing.KafkaBroker}) and
 * checks for the machine's own Redis and MariaDB ({@link io.github.zero4j.testing.LocalServices}).
 *
 * <p>Every launcher is a JUnit 5 extension: register it with {@code @RegisterExtension} as a static
 * field and it starts before the class's first test and stops after its last. Each owns its
 * process, so fault tests may {@code kill()} and {@code restart()} it.
 */
package io.github.zero4j.testing;
