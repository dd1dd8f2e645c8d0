/** The mall example: user, product, order, payment and notification services. */
package io.github.zero4j.examples.mall;
