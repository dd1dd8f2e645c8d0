package io.github.zero4j.examples.mall.user;

import io.github.zero4j.examples.mall.proto.CreateUserReq;
import io.github.zero4j.examples.mall.proto.CreateUserResp;
import io.github.zero4j.examples.mall.proto.GetUserByMobileReq;
import io.github.zero4j.examples.mall.proto.GetUserReq;
import io.github.zero4j.examples.mall.proto.GetUserResp;
import io.github.zero4j.examples.mall.proto.LoginReq;
import io.github.zero4j.examples.mall.proto.UpdateUserReq;
import io.github.zero4j.examples.mall.proto.UpdateUserResp;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.grpc.MethodDescriptor;

/** The gRPC methods of {@code mall.user.UserService} (user.proto). */
public final class UserMethods {
  /** The proto's service name. */
  public static final String SERVICE = "mall.user.UserService";

  public static final MethodDescriptor<GetUserReq, GetUserResp> GET_USER =
      UnaryService.method(
          SERVICE, "GetUser", GetUserReq.getDefaultInstance(), GetUserResp.getDefaultInstance());

  public static final MethodDescriptor<GetUserByMobileReq, GetUserResp> GET_USER_BY_MOBILE =
      UnaryService.method(
          SERVICE,
          "GetUserByMobile",
          GetUserByMobileReq.getDefaultInstance(),
          GetUserResp.getDefaultInstance());

  public static final MethodDescriptor<CreateUserReq, CreateUserResp> CREATE_USER =
      UnaryService.method(
          SERVICE,
          "CreateUser",
          CreateUserReq.getDefaultInstance(),
          CreateUserResp.getDefaultInstance());

  public static final MethodDescriptor<UpdateUserReq, UpdateUserResp> UPDATE_USER =
      UnaryService.method(
          SERVICE,
          "UpdateUser",
          UpdateUserReq.getDefaultInstance(),
          UpdateUserResp.getDefaultInstance());

  public static final MethodDescriptor<LoginReq, GetUserResp> LOGIN =
      UnaryService.method(
          SERVICE, "Login", LoginReq.getDefaultInstance(), GetUserResp.getDefaultInstance());

  private UserMethods() {}
}
