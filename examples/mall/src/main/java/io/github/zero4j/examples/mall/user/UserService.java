package io.github.zero4j.examples.mall.user;

import static java.util.Objects.requireNonNull;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.proto.CreateUserReq;
import io.github.zero4j.examples.mall.proto.CreateUserResp;
import io.github.zero4j.examples.mall.proto.GetUserByMobileReq;
import io.github.zero4j.examples.mall.proto.GetUserReq;
import io.github.zero4j.examples.mall.proto.GetUserResp;
import io.github.zero4j.examples.mall.proto.LoginReq;
import io.github.zero4j.examples.mall.proto.UpdateUserReq;
import io.github.zero4j.examples.mall.proto.UpdateUserResp;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.github.zero4j.stores.sql.DuplicateKeyException;
import io.grpc.ServerServiceDefinition;
import java.nio.charset.StandardCharsets;

/**
 * {@code mall.user.UserService}: the design notes' four methods plus {@code Login}, which checks a
 * password against the stored bcrypt hash so that hashes never leave this service. Errors: 2001
 * user not exist, 2002 user already exist (a duplicate mobile), 2003 password error, 1002 for
 * missing arguments.
 */
final class UserService {
  /** bcrypt reads at most 72 bytes of a password; longer ones are refused, not truncated. */
  static final int MAX_PASSWORD_BYTES = 72;

  private final UserStore store;
  private final int bcryptCost;

  UserService(UserStore store, int bcryptCost) {
    this.store = requireNonNull(store, "store");
    this.bcryptCost = bcryptCost;
  }

  /** The gRPC service definition. */
  ServerServiceDefinition definition() {
    return UnaryService.builder(UserMethods.SERVICE)
        .method(UserMethods.GET_USER, this::getUser)
        .method(UserMethods.GET_USER_BY_MOBILE, this::getUserByMobile)
        .method(UserMethods.CREATE_USER, this::createUser)
        .method(UserMethods.UPDATE_USER, this::updateUser)
        .method(UserMethods.LOGIN, this::login)
        .build();
  }

  GetUserResp getUser(GetUserReq request) {
    return byId(request.getUserId()).toResponse();
  }

  GetUserResp getUserByMobile(GetUserByMobileReq request) {
    return byMobile(required("mobile", request.getMobile())).toResponse();
  }

  CreateUserResp createUser(CreateUserReq request) {
    String mobile = required("mobile", request.getMobile());
    String password = password(request.getPassword());
    String nickname =
        request.getNickname().isEmpty() ? defaultNickname(mobile) : request.getNickname();
    String hash = BCrypt.withDefaults().hashToString(bcryptCost, password.toCharArray());
    try {
      return CreateUserResp.newBuilder().setUserId(store.insert(mobile, hash, nickname)).build();
    } catch (DuplicateKeyException e) {
      throw new BizException(BizCode.USER_ALREADY_EXIST);
    }
  }

  UpdateUserResp updateUser(UpdateUserReq request) {
    UserRow user = byId(request.getUserId());
    store.updateProfile(user, request.getNickname(), request.getAvatar());
    return UpdateUserResp.newBuilder().setSuccess(true).build();
  }

  GetUserResp login(LoginReq request) {
    UserRow user = byMobile(required("mobile", request.getMobile()));
    String password = required("password", request.getPassword());
    boolean verified =
        password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
            && BCrypt.verifyer()
                .verify(password.toCharArray(), user.passwordHash().toCharArray())
                .verified;
    if (!verified) {
      throw new BizException(BizCode.PASSWORD_ERROR);
    }
    return user.toResponse();
  }

  private UserRow byId(long id) {
    if (id <= 0) {
      throw new BizException(BizCode.USER_NOT_EXIST);
    }
    return store.findById(id).orElseThrow(() -> new BizException(BizCode.USER_NOT_EXIST));
  }

  private UserRow byMobile(String mobile) {
    return store.findByMobile(mobile).orElseThrow(() -> new BizException(BizCode.USER_NOT_EXIST));
  }

  private static String password(String password) {
    required("password", password);
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw new BizException(
          BizCode.REQUEST_PARAM_ERROR,
          "password: longer than " + MAX_PASSWORD_BYTES + " bytes (expected: at most that)");
    }
    return password;
  }

  private static String required(String field, String value) {
    if (value.isEmpty()) {
      throw new BizException(BizCode.REQUEST_PARAM_ERROR, field + ": empty (expected: set)");
    }
    return value;
  }

  /** go-zero's looklook names new users after their mobile: {@code 用户8000}. */
  static String defaultNickname(String mobile) {
    return "用户" + mobile.substring(Math.max(0, mobile.length() - 4));
  }
}
