package io.github.zero4j.examples.mall.user;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.Envelope;
import io.github.zero4j.examples.mall.common.Handlers;
import io.github.zero4j.examples.mall.proto.CreateUserReq;
import io.github.zero4j.examples.mall.proto.GetUserReq;
import io.github.zero4j.examples.mall.proto.GetUserResp;
import io.github.zero4j.examples.mall.proto.LoginReq;
import io.github.zero4j.examples.mall.proto.UpdateUserReq;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.examples.mall.user.UserRequests.RegisterReq;
import io.github.zero4j.examples.mall.user.UserRequests.TokenResp;
import io.github.zero4j.examples.mall.user.UserRequests.UpdateInfoReq;
import io.github.zero4j.examples.mall.user.UserRequests.UpdateInfoResp;
import io.github.zero4j.examples.mall.user.UserRequests.UserInfo;
import io.github.zero4j.examples.mall.user.UserRequests.UserPath;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestException;
import io.github.zero4j.stores.limit.PeriodLimiter;
import io.github.zero4j.stores.limit.TokenLimiter;

/**
 * user-api's handlers (the design notes' logic layer): limit, bind and check the request, call
 * user-rpc within the request's deadline, answer. A limiter's refusal is HTTP 429 with the {@link
 * BizCode#TOO_MANY_REQUESTS} envelope.
 */
final class UserHandlers {
  /** HTTP 429. */
  static final int TOO_MANY_REQUESTS = 429;

  private final UnaryClient users;
  private final JwtIssuer tokens;
  private final TokenLimiter registerLimiter;
  private final PeriodLimiter loginLimiter;

  UserHandlers(
      UnaryClient users,
      JwtIssuer tokens,
      TokenLimiter registerLimiter,
      PeriodLimiter loginLimiter) {
    this.users = requireNonNull(users, "users");
    this.tokens = requireNonNull(tokens, "tokens");
    this.registerLimiter = requireNonNull(registerLimiter, "registerLimiter");
    this.loginLimiter = requireNonNull(loginLimiter, "loginLimiter");
  }

  /** {@code POST /register}: the token limiter first, so that floods cost no hashing. */
  Response register(Request request) {
    if (!registerLimiter.allow()) {
      return tooManyRequests();
    }
    RegisterReq body = request.bind(RegisterReq.class);
    long userId =
        Handlers.withinDeadline(
                request,
                () ->
                    users.call(
                        UserMethods.CREATE_USER,
                        CreateUserReq.newBuilder()
                            .setMobile(body.mobile())
                            .setPassword(body.password())
                            .build()))
            .getUserId();
    return Response.json(new TokenResp(userId, tokens.issue(userId)));
  }

  /** {@code POST /login}: at most the period limiter's quota of attempts per mobile. */
  Response login(Request request) {
    UserRequests.LoginReq body = request.bind(UserRequests.LoginReq.class);
    if (!loginLimiter.take(body.mobile()).admitted()) {
      return tooManyRequests();
    }
    GetUserResp user =
        Handlers.withinDeadline(
            request,
            () ->
                users.call(
                    UserMethods.LOGIN,
                    LoginReq.newBuilder()
                        .setMobile(body.mobile())
                        .setPassword(body.password())
                        .build()));
    return Response.json(new TokenResp(user.getUserId(), tokens.issue(user.getUserId())));
  }

  /** {@code GET /:userId} (JWT). */
  Response getUser(Request request) {
    long userId = request.bind(UserPath.class).userId();
    GetUserResp user =
        Handlers.withinDeadline(
            request,
            () ->
                users.call(
                    UserMethods.GET_USER, GetUserReq.newBuilder().setUserId(userId).build()));
    return Response.json(
        new UserInfo(
            user.getUserId(),
            user.getNickname(),
            user.getAvatar(),
            user.getMobile(),
            user.getLevel()));
  }

  /** {@code PUT /info} (JWT): changes the token's user. */
  Response updateInfo(Request request) {
    UpdateInfoReq body = request.bind(UpdateInfoReq.class);
    long userId = userId(request);
    boolean success =
        Handlers.withinDeadline(
                request,
                () ->
                    users.call(
                        UserMethods.UPDATE_USER,
                        UpdateUserReq.newBuilder()
                            .setUserId(userId)
                            .setNickname(body.nickname().orElse(""))
                            .setAvatar(body.avatar().orElse(""))
                            .build()))
            .getSuccess();
    return Response.json(new UpdateInfoResp(success));
  }

  /** The {@code userId} claim JwtAuth put on the request. */
  static long userId(Request request) {
    Object claim =
        request
            .attribute(JwtIssuer.USER_ID)
            .orElseThrow(() -> new RestException(401, "token has no userId claim"));
    if (claim instanceof Long id) {
      return id;
    }
    throw new RestException(401, "token claim userId: " + claim + " (expected: a number)");
  }

  private static Response tooManyRequests() {
    return Response.json(TOO_MANY_REQUESTS, Envelope.error(BizCode.TOO_MANY_REQUESTS));
  }
}
