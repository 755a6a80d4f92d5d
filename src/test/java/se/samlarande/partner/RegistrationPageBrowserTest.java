package se.samlarande.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.support.HeadlessChromium;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Visit;

/**
 * The registration page in headless Chromium: choosing a known contact person from the suggestions fills in their
 * name, language, organisation and its level (the page's static script), and the visit registered that way is linked
 * to the same organisation and person.
 */
@SamlarandeTest
class RegistrationPageBrowserTest extends VisitScenario {

    @LocalServerPort int port;
    @org.springframework.beans.factory.annotation.Autowired PartnerDirectory directory;

    @RegisterExtension final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    void choosingAKnownContactFillsInWhatTheRegisterKnows() {
        // given a known organisation and contact person, from an earlier visit
        String organisation = "Hälsoregion Väst " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> form = new HashMap<>();
        form.put("hostUnit", "Vårdcentralen Partner");
        form.put("topic", "Tidigare besök");
        form.put("dateFrom", VISIT_FROM.toString());
        form.put("dateTo", VISIT_TO.toString());
        form.put("guestOrganisation", organisation);
        form.put("partnerLevel", "NATIONAL");
        form.put("contactName", "Vera Västlund");
        form.put("contactEmail", guestEmail);
        form.put("contactLanguage", "EN");
        Visit earlier = visitOf(as("kim", () -> runtime.startProcessInstanceByKey("visit", form)));
        ChromeDriver browser = chromium.driver();
        String base = "http://127.0.0.1:" + port;
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys("kim");
        browser.findElement(By.id("password")).sendKeys("kim", Keys.ENTER);
        chromium.waiting().until(urlContains("/app/visits"));

        // when a coordinator registers a new visit and types the known address, then leaves the field
        browser.get(base + "/app/visits/new");
        browser.findElement(By.id("hostUnit")).sendKeys("Vårdcentralen Partner");
        browser.findElement(By.id("topic")).sendKeys("Uppföljande besök");
        // (a date field's typing order follows the browser's locale: the dates are set as the picker would)
        browser.executeScript("document.getElementById('dateFrom').value = '2027-03-02';"
                + "document.getElementById('dateTo').value = '2027-03-03';");
        browser.findElement(By.id("contactEmail")).sendKeys(guestEmail.toUpperCase(), Keys.TAB);

        // then the person's name and language, their organisation and its level are filled in
        assertThat(browser.findElement(By.id("contactName")).getDomProperty("value")).isEqualTo("Vera Västlund");
        assertThat(browser.findElement(By.cssSelector("input[name=contactLanguage][value=EN]")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("guestOrganisation")).getDomProperty("value")).isEqualTo(organisation);
        assertThat(new Select(browser.findElement(By.id("partnerLevel"))).getFirstSelectedOption().getDomProperty("value"))
                .isEqualTo("NATIONAL");

        // when the form is sent, then the visit is registered and linked to the same organisation and person
        browser.findElement(By.cssSelector("#register-visit button[type=submit]")).click();
        chromium.waiting().until(urlContains("/app/visits/SL-"));
        String reference = browser.getCurrentUrl().replaceAll(".*/app/visits/", "");
        Visit registered = visits.getByReference(reference);
        assertThat(registered.dateFrom()).isEqualTo(java.time.LocalDate.of(2027, 3, 2));
        Partner partner = directory.partnerOf(earlier.id()).orElseThrow();
        assertThat(directory.partnerOf(registered.id())).contains(partner);
        assertThat(directory.allContacts(partner.id())).extracting(Contact::email).containsExactly(guestEmail);
    }
}
