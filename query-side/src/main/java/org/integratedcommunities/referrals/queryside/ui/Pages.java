package org.integratedcommunities.referrals.queryside.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller that renders pages of the web UI (beside the API controller of its feature), so that what every
 * page needs ({@link PageModel}) applies to pages only and the APIs' problem+json handling to the APIs only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Pages {}
