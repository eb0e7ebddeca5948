import { catalogSuite } from "./catalog-suite";

catalogSuite("freezes");
