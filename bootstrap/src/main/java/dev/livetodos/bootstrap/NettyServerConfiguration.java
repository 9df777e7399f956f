package dev.livetodos.bootstrap;

import dev.livetodos.adapter.in.web.BareErrorProblems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * What the Netty server does before a request reaches WebFlux: the answers it gives on its own
 * (a request it cannot decode, a request target that is not a URI) carry problem details too,
 * and a client that stops mid-request costs the log one line at most.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "reactor.netty.http.server.HttpServer")
class NettyServerConfiguration {

    @Bean(destroyMethod = "close")
    DroppedErrors droppedErrors() {
        return new DroppedErrors();
    }

    @Bean
    NettyServerCustomizer bareErrorProblems() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, BareErrorProblems.NAME, new BareErrorProblems());
            }
        });
    }
}
