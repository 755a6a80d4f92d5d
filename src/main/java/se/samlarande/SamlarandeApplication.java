package se.samlarande;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Samlärande: co-learning visits, from invitation to the closing summary. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SamlarandeApplication {

    public static void main(String[] args) {
        SpringApplication.run(SamlarandeApplication.class, args);
    }
}
