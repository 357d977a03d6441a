package org.integratedcommunities.referrals.queryside.web;

import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The query API's failures as problem+json. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ApiProblemHandler {}
