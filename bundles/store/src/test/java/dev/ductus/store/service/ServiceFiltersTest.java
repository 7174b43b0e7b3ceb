package dev.ductus.store.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

class ServiceFiltersTest {
    /** Defect: the shell built filters from names without escaping, so "a*" matched every name starting with a. */
    @Test
    void anEscapedValueMatchesOnlyItself() throws Exception {
        assertEquals("(ductus.name=a\\*\\(b\\)\\\\)", ServiceFilters.equal("ductus.name", "a*(b)\\"));
        var f = FrameworkUtil.createFilter(ServiceFilters.equal("ductus.name", "crnn*"));
        assertTrue(f.matches(Map.of("ductus.name", "crnn*")));
        assertFalse(f.matches(Map.of("ductus.name", "crnn-digits")));
        var paren = FrameworkUtil.createFilter(ServiceFilters.equal("service.pid", "dev.ductus.lm~x(1)"));
        assertTrue(paren.matches(Map.of("service.pid", "dev.ductus.lm~x(1)")));
    }
}
