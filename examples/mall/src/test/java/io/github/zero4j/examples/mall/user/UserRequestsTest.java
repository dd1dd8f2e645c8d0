package io.github.zero4j.examples.mall.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.user.UserRequests.LoginReq;
import io.github.zero4j.examples.mall.user.UserRequests.RegisterReq;
import io.github.zero4j.examples.mall.user.UserRequests.UpdateInfoReq;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.httpx.BindException;
import org.junit.jupiter.api.Test;

class UserRequestsTest {

  private static <T> T bind(Class<T> type, String json) {
    return Request.builder()
        .method("POST")
        .uri("/")
        .header("Content-Type", "application/json")
        .body(json)
        .build()
        .bind(type);
  }

  private static String register(String mobile, String password, String code) {
    return "{\"mobile\":\""
        + mobile
        + "\",\"password\":\""
        + password
        + "\",\"code\":\""
        + code
        + "\"}";
  }

  @Test
  void acceptsAWellFormedRegistration() {
    RegisterReq req = bind(RegisterReq.class, register("13800138000", "secret1", "123456"));

    assertThat(req.mobile()).isEqualTo("13800138000");
    assertThat(req.password()).isEqualTo("secret1");
    assertThat(req.code()).isEqualTo("123456");
  }

  @Test
  void aMalformedMobileIsTheBusinessError2004() {
    for (String mobile :
        new String[] {"23800138000", "1380013800", "138001380001", "1380013800a"}) {
      assertThatThrownBy(() -> bind(RegisterReq.class, register(mobile, "secret1", "123456")))
          .as(mobile)
          .isInstanceOfSatisfying(
              BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.MOBILE_FORMAT_ERROR));
    }
    assertThatThrownBy(() -> bind(LoginReq.class, "{\"mobile\":\"123\",\"password\":\"secret1\"}"))
        .isInstanceOf(BizException.class);
  }

  @Test
  void passwordMustHaveSixToTwentyCharacters() {
    assertThatThrownBy(() -> bind(RegisterReq.class, register("13800138000", "12345", "123456")))
        .isInstanceOfSatisfying(
            BindException.class,
            e -> {
              assertThat(e.field()).isEqualTo("password");
              assertThat(e).hasMessage("json password: 5 characters (expected: 6 to 20)");
            });
    assertThatThrownBy(
            () -> bind(RegisterReq.class, register("13800138000", "x".repeat(21), "123456")))
        .hasMessage("json password: 21 characters (expected: 6 to 20)");
    assertThat(bind(RegisterReq.class, register("13800138000", "密码密码密码", "123456")).password())
        .as("characters, not bytes")
        .hasSize(6);
  }

  @Test
  void codeMustBeExactlySixDigits() {
    for (String code : new String[] {"12345", "1234567", "12345a"}) {
      assertThatThrownBy(() -> bind(RegisterReq.class, register("13800138000", "secret1", code)))
          .as(code)
          .isInstanceOfSatisfying(
              BindException.class,
              e -> {
                assertThat(e.field()).isEqualTo("code");
                assertThat(e).hasMessage("json code: " + code + " (expected: exactly 6 digits)");
              });
    }
  }

  @Test
  void missingFieldsNameTheField() {
    assertThatThrownBy(() -> bind(RegisterReq.class, "{\"mobile\":\"13800138000\"}"))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("password");
  }

  @Test
  void updateNeedsAtLeastOneFieldOfSaneLength() {
    UpdateInfoReq nick = bind(UpdateInfoReq.class, "{\"nickname\":\"ann\"}");
    assertThat(nick.nickname()).contains("ann");
    assertThat(nick.avatar()).isEmpty();

    assertThatThrownBy(() -> bind(UpdateInfoReq.class, "{}"))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> bind(UpdateInfoReq.class, "{\"nickname\":\"" + "n".repeat(65) + "\"}"))
        .hasMessage("json nickname: 65 characters (expected: 1 to 64)");
  }
}
