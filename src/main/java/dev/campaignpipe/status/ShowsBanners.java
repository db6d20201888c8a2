package dev.campaignpipe.status;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose pages show the pipeline's banners ({@link BannerAdvice} adds
 * them to its model). JSON controllers are not marked: the hottest endpoint need not
 * compute them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ShowsBanners {

}
