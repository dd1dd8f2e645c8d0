package io.github.zero4j.examples.mall.product;

import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.stores.sql.DuplicateKeyException;
import io.github.zero4j.stores.sqlc.CacheKeys;
import io.github.zero4j.stores.sqlc.CachedConn;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code mall_product} through {@code CachedConn}: cached reads, the conditional decrement. */
final class ProductStore {
  private static final Logger log = LoggerFactory.getLogger(ProductStore.class);

  /** goctl's key prefix: {@code cache:product:id:}. */
  static final String ID_PREFIX = CacheKeys.prefix("product", "id");

  /** Runs on MariaDB and on H2 in MySQL mode. */
  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS mall_product ("
          + "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
          + "name VARCHAR(64) NOT NULL, "
          + "price BIGINT NOT NULL, "
          + "stock INT NOT NULL, "
          + "CONSTRAINT mall_product_stock_not_negative CHECK (stock >= 0))";

  /** What an empty table is seeded with (prices in cents). */
  static final List<ProductRow> SEED =
      List.of(
          new ProductRow(1, "go-zero 实战手册", 5900, 1000),
          new ProductRow(2, "机械键盘", 39900, 200),
          new ProductRow(3, "降噪耳机", 129900, 50),
          new ProductRow(4, "限量手办", 99900, 5));

  private static final String SELECT =
      "SELECT id, name, price, stock FROM mall_product WHERE id = ?";

  private final CachedConn conn;

  ProductStore(CachedConn conn) {
    this.conn = conn;
  }

  /** Creates the table and seeds it when it has no row. */
  void migrate() {
    conn.execNoCache(CREATE_TABLE);
    Optional<Long> count = conn.queryRowNoCache(Long.class, "SELECT COUNT(*) FROM mall_product");
    if (count.orElse(0L) > 0) {
      return;
    }
    for (ProductRow p : SEED) {
      try {
        conn.execNoCache(
            "INSERT INTO mall_product (id, name, price, stock) VALUES (?, ?, ?, ?)",
            p.id(),
            p.name(),
            p.price(),
            p.stock());
      } catch (DuplicateKeyException e) {
        log.info("product {} already seeded by another instance", p.id());
      }
    }
    log.info("seeded mall_product with {} products", SEED.size());
  }

  /** The product, read through the cache; 5001 when there is none. */
  ProductRow get(long id) {
    return conn.queryRow(key(id), ProductRow.class, db -> db.queryRow(ProductRow.class, SELECT, id))
        .orElseThrow(() -> new BizException(BizCode.PRODUCT_NOT_EXIST));
  }

  /**
   * Takes {@code quantity} with one conditional UPDATE, so concurrent callers can never drive the
   * stock below zero; the cached row is deleted after the commit. Answers the stock left.
   */
  int decrease(long id, int quantity) {
    return conn.transactAndGet(
        tx -> {
          long changed =
              tx.exec(
                  "UPDATE mall_product SET stock = stock - ? WHERE id = ? AND stock >= ?",
                  quantity,
                  id,
                  quantity);
          if (changed == 0) {
            boolean exists =
                tx.queryRow(Long.class, "SELECT id FROM mall_product WHERE id = ?", id).isPresent();
            throw new BizException(exists ? BizCode.STOCK_INSUFFICIENT : BizCode.PRODUCT_NOT_EXIST);
          }
          tx.delCacheOnCommit(key(id));
          return tx.queryRow(Integer.class, "SELECT stock FROM mall_product WHERE id = ?", id)
              .orElseThrow();
        });
  }

  static String key(long id) {
    return CacheKeys.key(ID_PREFIX, id);
  }
}
