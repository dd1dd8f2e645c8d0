package io.github.zero4j.examples.mall.user;

import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.rest.httpx.BindException;
import io.github.zero4j.rest.httpx.Path;
import io.github.zero4j.rest.httpx.Validatable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request and response bodies of user-api (the design notes' {@code user.api} types). Checks
 * run in {@code validate()} after binding: a malformed mobile is the business error 2004, any other
 * bad field 1002 naming the field.
 */
final class UserRequests {
  /** 11 digits starting with 1 (mainland China mobile numbers). */
  static final Pattern MOBILE = Pattern.compile("1\\d{10}");

  private static final Pattern CODE = Pattern.compile("\\d{6}");

  static final int MIN_PASSWORD = 6;
  static final int MAX_PASSWORD = 20;
  static final int MAX_NICKNAME = 64;
  static final int MAX_AVATAR = 255;

  private UserRequests() {}

  /** {@code POST /register}. {@code code} is the SMS code; the mall only checks its format. */
  record RegisterReq(String mobile, String password, String code) implements Validatable {
    @Override
    public void validate() {
      checkMobile(mobile);
      checkPassword(password);
      if (!CODE.matcher(code).matches()) {
        throw new BindException(
            "json", "code", "json code: " + code + " (expected: exactly 6 digits)");
      }
    }
  }

  /** {@code POST /login}. */
  record LoginReq(String mobile, String password) implements Validatable {
    @Override
    public void validate() {
      checkMobile(mobile);
      checkPassword(password);
    }
  }

  /** {@code GET /:userId}. */
  record UserPath(@Path("userId") long userId) {}

  /** {@code PUT /info}: the fields to change; at least one. */
  record UpdateInfoReq(Optional<String> nickname, Optional<String> avatar) implements Validatable {
    @Override
    public void validate() {
      if (nickname.isEmpty() && avatar.isEmpty()) {
        throw new BindException(
            "json", "nickname", "json nickname, avatar: both missing (expected: at least one)");
      }
      nickname.ifPresent(n -> checkLength("nickname", n, 1, MAX_NICKNAME));
      avatar.ifPresent(a -> checkLength("avatar", a, 0, MAX_AVATAR));
    }
  }

  /** The answer of register and login. */
  record TokenResp(long userId, String token) {}

  /** The answer of {@code GET /:userId}. */
  record UserInfo(long userId, String nickname, String avatar, String mobile, int level) {}

  /** The answer of {@code PUT /info}. */
  record UpdateInfoResp(boolean success) {}

  static void checkMobile(String mobile) {
    if (!MOBILE.matcher(mobile).matches()) {
      throw new BizException(BizCode.MOBILE_FORMAT_ERROR);
    }
  }

  private static void checkPassword(String password) {
    checkLength("password", password, MIN_PASSWORD, MAX_PASSWORD);
  }

  private static void checkLength(String field, String value, int min, int max) {
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      throw new BindException(
          "json",
          field,
          "json " + field + ": " + length + " characters (expected: " + min + " to " + max + ")");
    }
  }
}
