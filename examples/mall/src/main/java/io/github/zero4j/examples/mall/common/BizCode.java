package io.github.zero4j.examples.mall.common;

import io.grpc.Status;

/**
 * The design notes' error codes (pkg/xerr): 1xxx common, 2xxx user, 3xxx order, 4xxx payment; 5xxx
 * product and {@link #TOO_MANY_REQUESTS} are the mall's additions. Each code also names the gRPC
 * status it travels under between services: never one that the client breaker counts as a failure
 * (a business "no" is an answer, not an outage).
 */
public enum BizCode {
  OK(0, "成功", Status.Code.OK),
  SERVER_ERROR(1001, "服务器内部错误", Status.Code.INTERNAL),
  REQUEST_PARAM_ERROR(1002, "请求参数错误", Status.Code.INVALID_ARGUMENT),
  TOKEN_EXPIRED(1003, "Token已过期", Status.Code.UNAUTHENTICATED),
  TOKEN_GENERATE_ERROR(1004, "Token生成失败", Status.Code.INTERNAL),
  DB_ERROR(1005, "数据库错误", Status.Code.INTERNAL),
  CACHE_ERROR(1006, "缓存错误", Status.Code.INTERNAL),
  RPC_ERROR(1007, "RPC调用失败", Status.Code.INTERNAL),
  /** The 429 answer of the register and login limiters. */
  TOO_MANY_REQUESTS(1008, "请求过于频繁,请稍后重试", Status.Code.FAILED_PRECONDITION),
  USER_NOT_EXIST(2001, "用户不存在", Status.Code.NOT_FOUND),
  USER_ALREADY_EXIST(2002, "用户已存在", Status.Code.ALREADY_EXISTS),
  PASSWORD_ERROR(2003, "密码错误", Status.Code.FAILED_PRECONDITION),
  MOBILE_FORMAT_ERROR(2004, "手机号格式错误", Status.Code.INVALID_ARGUMENT),
  VERIFY_CODE_ERROR(2005, "验证码错误", Status.Code.INVALID_ARGUMENT),
  ORDER_NOT_EXIST(3001, "订单不存在", Status.Code.NOT_FOUND),
  ORDER_STATUS_ERROR(3002, "订单状态异常", Status.Code.FAILED_PRECONDITION),
  ORDER_CREATE_FAILED(3003, "订单创建失败", Status.Code.ABORTED),
  PAYMENT_FAILED(4001, "支付失败", Status.Code.FAILED_PRECONDITION),
  PAYMENT_TIMEOUT(4002, "支付超时", Status.Code.FAILED_PRECONDITION),
  INSUFFICIENT_BALANCE(4003, "余额不足", Status.Code.FAILED_PRECONDITION),
  PRODUCT_NOT_EXIST(5001, "商品不存在", Status.Code.NOT_FOUND),
  STOCK_INSUFFICIENT(5002, "库存不足", Status.Code.FAILED_PRECONDITION);

  private final int code;
  private final String message;
  private final Status.Code grpcCode;

  BizCode(int code, String message, Status.Code grpcCode) {
    this.code = code;
    this.message = message;
    this.grpcCode = grpcCode;
  }

  /** The number in the envelope's {@code code}. */
  public int code() {
    return code;
  }

  /** The design notes' message for this code. */
  public String message() {
    return message;
  }

  /** The gRPC status code a {@link BizException} with this code travels under. */
  public Status.Code grpcCode() {
    return grpcCode;
  }

  /** The code numbered {@code code}, or {@link #SERVER_ERROR} for a number this mall never uses. */
  public static BizCode of(int code) {
    for (BizCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return SERVER_ERROR;
  }
}
