package org.integratedcommunities.referrals.queryside.web;

import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The query API's failures as problem+json; the web UI's pages have error pages instead. */
@RestControllerAdvice(annotations = RestController.class)
class ProblemDetailsAdvice extends ApiProblemHandler {}
