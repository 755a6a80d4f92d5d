package se.samlarande.bench;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;

/**
 * Added to the app's context by {@link Benchmark} only (not annotated, so no component scan finds it): every
 * statement the app and its engine run goes through {@link SqlCounter}.
 */
class BenchBeans {

    static final SqlCounter APP_SQL = new SqlCounter();

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && "dataSource".equals(beanName)
                        ? APP_SQL.wrap("app", dataSource) : bean;
            }
        };
    }
}
